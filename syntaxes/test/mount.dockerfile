# SYNTAX TEST "source.dockerfile" "RUN --mount options"
RUN --mount=type=cache,target=/root/.cache/go-build,id=gobuild,sharing=locked,mode=0755,uid=1000,gid=1000 go build
#   ^^^^^^^ meta.instruction.run.dockerfile entity.other.attribute-name.flag.dockerfile
#          ^ keyword.operator.assignment.dockerfile
#           ^^^^ meta.mount.dockerfile entity.other.attribute-name.mount-option.dockerfile
#               ^ meta.mount.dockerfile keyword.operator.assignment.dockerfile
#                ^^^^^ meta.mount.dockerfile constant.language.mount-type.dockerfile
#                     ^ meta.mount.dockerfile punctuation.separator.comma.dockerfile
#                      ^^^^^^ entity.other.attribute-name.mount-option.dockerfile
#                             ^^^^^^^^^^^^^^^^^^^^^ meta.mount.dockerfile string.unquoted.mount-option.dockerfile
#                                                   ^^ entity.other.attribute-name.mount-option.dockerfile
#                                                      ^^^^^^^ string.unquoted.mount-option.dockerfile
#                                                              ^^^^^^^ entity.other.attribute-name.mount-option.dockerfile
#                                                                      ^^^^^^ constant.language.mount-sharing.dockerfile
#                                                                             ^^^^ entity.other.attribute-name.mount-option.dockerfile
#                                                                                  ^^^^ constant.numeric.octal.dockerfile
#                                                                                       ^^^ entity.other.attribute-name.mount-option.dockerfile
#                                                                                           ^^^^ constant.numeric.integer.dockerfile
#                                                                                                ^^^ entity.other.attribute-name.mount-option.dockerfile
#                                                                                                    ^^^^ constant.numeric.integer.dockerfile
#                                                                                                         ^^^^^^^^ meta.embedded.block.shell - meta.mount.dockerfile
RUN --mount=type=bind,from=builder,source=/out,target=/mnt,rw \
#                ^^^^ constant.language.mount-type.dockerfile
#                     ^^^^ entity.other.attribute-name.mount-option.dockerfile
#                          ^^^^^^^ meta.mount.dockerfile entity.name.type.stage.reference.dockerfile
#                                  ^^^^^^ entity.other.attribute-name.mount-option.dockerfile
#                                         ^^^^ string.unquoted.mount-option.dockerfile
#                                                          ^^ meta.mount.dockerfile entity.other.attribute-name.mount-option.dockerfile
#                                                             ^ constant.character.escape.line-continuation.dockerfile
    --mount=type=bind,from=ghcr.io/acme/assets:1.2,src=/assets,dst=/assets,readonly \
#   ^^^^^^^ meta.instruction.run.dockerfile entity.other.attribute-name.flag.dockerfile
#                          ^^^^^^^ meta.mount.dockerfile meta.image-reference.dockerfile entity.name.image.registry.dockerfile
#                                  ^^^^^^^^^^^ entity.name.image.dockerfile
#                                              ^^^ constant.other.tag.dockerfile
#                                                  ^^^ entity.other.attribute-name.mount-option.dockerfile
#                                                              ^^^ entity.other.attribute-name.mount-option.dockerfile
#                                                                          ^^^^^^^^ entity.other.attribute-name.mount-option.dockerfile
    --mount=type=secret,id=npmrc,target=/root/.npmrc,required=true \
#                ^^^^^^ constant.language.mount-type.dockerfile
#                                                    ^^^^^^^^ entity.other.attribute-name.mount-option.dockerfile
#                                                             ^^^^ constant.language.boolean.dockerfile
    --mount=type=ssh \
#                ^^^ constant.language.mount-type.dockerfile
    --mount=type=tmpfs,target=/tmp,size=1048576 \
#                ^^^^^ constant.language.mount-type.dockerfile
#                                       ^^^^^^^ constant.numeric.integer.dockerfile
    --mount=type=cache,target=/var/cache/$TARGETARCH,id=apt-${TARGETPLATFORM} \
#                                         ^^^^^^^^^^ string.unquoted.mount-option.dockerfile variable.other.dockerfile
#                                                             ^^^^^^^^^^^^^^ string.unquoted.mount-option.dockerfile variable.other.dockerfile
    npm ci
#   ^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shell

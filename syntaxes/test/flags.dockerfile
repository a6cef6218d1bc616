# SYNTAX TEST "source.dockerfile" "flags: name, = and value"
COPY --from=builder --chown=app:app --chmod=0755 --link --exclude=*.md --parents ./src /app/
#    ^^^^^^ meta.instruction.copy.dockerfile entity.other.attribute-name.flag.dockerfile
#          ^ keyword.operator.assignment.dockerfile
#           ^^^^^^^ entity.name.type.stage.reference.dockerfile
#                   ^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                           ^^^^^^^ string.unquoted.flag-value.dockerfile
#                                   ^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                           ^^^^ constant.numeric.octal.dockerfile
#                                                ^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                                       ^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                                                 ^^^^ string.unquoted.flag-value.dockerfile
#                                                                      ^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                                                                ^^^^^^^^^^^ meta.instruction.copy.dockerfile - entity.other.attribute-name.flag.dockerfile string.unquoted.flag-value.dockerfile
COPY --from=0 /a /b
#           ^ entity.name.type.stage.reference.dockerfile
COPY --from=nginx:1.27-alpine /etc/nginx/nginx.conf /etc/nginx/
#           ^^^^^^^^^^^^^^^^^ meta.image-reference.dockerfile
#           ^^^^^ meta.image-reference.dockerfile entity.name.image.dockerfile
#                 ^^^^^^^^^^^ constant.other.tag.dockerfile
COPY --from=docker.io/library/busybox@sha256:0123abcd /bin/busybox /bin/
#           ^^^^^^^^^ entity.name.image.registry.dockerfile
#                                     ^^^^^^^^^^^^^^^ constant.other.digest.dockerfile
COPY --from=$STAGE /a /b
#           ^^^^^^ invalid.illegal.variable-in-from.dockerfile - variable.other.dockerfile
COPY --chown=$UID:${GID} --chmod=u+x --link=false a b
#            ^^^^ string.unquoted.flag-value.dockerfile variable.other.dockerfile
#                   ^^^ string.unquoted.flag-value.dockerfile variable.other.dockerfile
#                                ^^^ string.unquoted.flag-value.dockerfile
#                                           ^^^^^ constant.language.boolean.dockerfile
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d --keep-git-dir=true https://example.com/a.tar.gz /a
#   ^^^^^^^^^^ meta.instruction.add.dockerfile entity.other.attribute-name.flag.dockerfile
#              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ constant.other.digest.dockerfile
#                                                                                      ^^^^^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                                                                                     ^^^^ constant.language.boolean.dockerfile
#                                                                                                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ - string.unquoted.flag-value.dockerfile
ADD --keep-git-dir git@github.com:moby/buildkit.git#v0.14 /src
#   ^^^^^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                  ^^^^^^^^^^^^^^ - entity.other.attribute-name.flag.dockerfile
RUN --network=none --security=insecure --network=$NET make
#   ^^^^^^^^^ meta.instruction.run.dockerfile entity.other.attribute-name.flag.dockerfile
#             ^^^^ constant.language.network.dockerfile
#                  ^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                             ^^^^^^^^ constant.language.security.dockerfile
#                                                ^^^^ string.unquoted.flag-value.dockerfile variable.other.dockerfile
#                                                     ^^^^ meta.embedded.block.shell - entity.other.attribute-name.flag.dockerfile
RUN --platform=linux/amd64 --some-new-flag echo --not-a-flag
#   ^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                          ^^^^^^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                               ^^^^^^^^^^^^ meta.embedded.block.shell - entity.other.attribute-name.flag.dockerfile
COPY a --from=x b
#      ^^^^^^^^ - entity.other.attribute-name.flag.dockerfile entity.name.type.stage.reference.dockerfile
COPY --from="quoted" --chown="a b" x y
#    ^^^^^^ entity.other.attribute-name.flag.dockerfile
#                            ^^^^^ string.unquoted.flag-value.dockerfile string.quoted.double.dockerfile
HEALTHCHECK --interval=1m30s --timeout=5s --start-period=10s --start-interval=500ms --retries=3 CMD true
#           ^^^^^^^^^^ meta.instruction.healthcheck.dockerfile entity.other.attribute-name.flag.dockerfile
#                      ^^^^^ constant.numeric.duration.dockerfile
#                                      ^^ constant.numeric.duration.dockerfile
#                                         ^^^^^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                                        ^^^ constant.numeric.duration.dockerfile
#                                                            ^^^^^^^^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                                                             ^^^^^ constant.numeric.duration.dockerfile
#                                                                                   ^^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                                                                             ^ constant.numeric.integer.dockerfile

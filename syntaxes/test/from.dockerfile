# SYNTAX TEST "source.dockerfile" "FROM: platform, image reference, AS and stage names"
FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build-env
#    ^^^^^^^^^^ meta.instruction.from.dockerfile entity.other.attribute-name.flag.dockerfile
#              ^ keyword.operator.assignment.dockerfile
#               ^ string.unquoted.flag-value.dockerfile variable.other.dockerfile punctuation.definition.variable.dockerfile
#                ^^^^^^^^^^^^^ string.unquoted.flag-value.dockerfile variable.other.dockerfile
#                              ^^^^^^ meta.image-reference.dockerfile entity.name.image.dockerfile
#                                    ^ meta.image-reference.dockerfile punctuation.separator.tag.dockerfile
#                                     ^^^^^^^^^^^ meta.image-reference.dockerfile constant.other.tag.dockerfile
#                                                 ^^ keyword.other.as.dockerfile
#                                                    ^^^^^^^^^ entity.name.type.stage.dockerfile
FROM --platform=linux/arm64 ghcr.io/acme/tools/base:2024.1@sha256:0123456789abcdef AS tools
#               ^^^^^^^^^^^ string.unquoted.flag-value.dockerfile
#                           ^^^^^^^ meta.image-reference.dockerfile entity.name.image.registry.dockerfile
#                                  ^ meta.image-reference.dockerfile punctuation.separator.registry.dockerfile
#                                   ^^^^^^^^^^^^^^^ meta.image-reference.dockerfile entity.name.image.dockerfile
#                                                   ^^^^^^ constant.other.tag.dockerfile
#                                                         ^ punctuation.separator.digest.dockerfile
#                                                          ^^^^^^^^^^^^^^^^^^^^^^^ meta.image-reference.dockerfile constant.other.digest.dockerfile
#                                                                                     ^^^^^ entity.name.type.stage.dockerfile
FROM localhost:5000/team/app AS local
#    ^^^^^^^^^^^^^^ entity.name.image.registry.dockerfile
#                   ^^^^^^^^ entity.name.image.dockerfile
#                   ^^^^^^^^ - constant.other.tag.dockerfile
FROM library/alpine@sha256:abcdef0123
#    ^^^^^^^^^^^^^^ entity.name.image.dockerfile - entity.name.image.registry.dockerfile
#                   ^^^^^^^^^^^^^^^^^ constant.other.digest.dockerfile
FROM ${REGISTRY}/base:${TAG:-latest} as Final
#    ^^ entity.name.image.dockerfile variable.other.bracket.dockerfile punctuation.definition.variable.begin.dockerfile
#      ^^^^^^^^ entity.name.image.dockerfile variable.other.dockerfile
#                       ^^^ constant.other.tag.dockerfile variable.other.dockerfile
#                          ^^ constant.other.tag.dockerfile keyword.operator.expansion.dockerfile
#                                    ^^ keyword.other.as.dockerfile
#                                       ^^^^^ entity.name.type.stage.dockerfile
FROM build-env
#    ^^^^^^^^^ meta.image-reference.dockerfile entity.name.image.dockerfile
FROM scratch AS 2-runtime
#    ^^^^^^^ entity.name.image.dockerfile
#               ^^^^^^^^^ invalid.illegal.stage-name.dockerfile - entity.name.type.stage.dockerfile
FROM \
#    ^ meta.instruction.from.dockerfile constant.character.escape.line-continuation.dockerfile
    --platform=$TARGETPLATFORM \
#   ^^^^^^^^^^ meta.instruction.from.dockerfile entity.other.attribute-name.flag.dockerfile
    alpine:3.20 \
#   ^^^^^^ meta.instruction.from.dockerfile entity.name.image.dockerfile
    AS continued
#   ^^ meta.instruction.from.dockerfile keyword.other.as.dockerfile
#      ^^^^^^^^^ entity.name.type.stage.dockerfile

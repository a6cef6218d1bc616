# SYNTAX TEST "source.dockerfile" "ENV, ARG and LABEL key=value pairs"
ENV NODE_ENV=production PORT=8080 GREETING="hello world" RAW='single $x'
#   ^^^^^^^^ meta.instruction.env.dockerfile variable.other.env.dockerfile
#           ^ keyword.operator.assignment.dockerfile
#            ^^^^^^^^^^ string.unquoted.value.dockerfile
#                       ^^^^ variable.other.env.dockerfile
#                            ^^^^ string.unquoted.value.dockerfile
#                                 ^^^^^^^^ variable.other.env.dockerfile
#                                          ^ string.quoted.double.dockerfile punctuation.definition.string.begin.dockerfile
#                                           ^^^^^^^^^^^ string.quoted.double.dockerfile
#                                                      ^ string.quoted.double.dockerfile punctuation.definition.string.end.dockerfile
#                                                        ^^^ variable.other.env.dockerfile
#                                                            ^^^^^^^^^^^ string.quoted.single.dockerfile
ENV JAVA_HOME /opt/java/openjdk
#   ^^^^^^^^^ variable.other.env.dockerfile
#             ^^^^^^^^^^^^^^^^^ string.unquoted.value.dockerfile - variable.other.env.dockerfile
ENV PATH=/usr/local/bin:$PATH \
    LANG=C.UTF-8
#   ^^^^ meta.instruction.env.dockerfile variable.other.env.dockerfile
#        ^^^^^^^ string.unquoted.value.dockerfile
ARG VERSION
#   ^^^^^^^ meta.instruction.arg.dockerfile variable.other.arg.dockerfile
ARG NODE_VERSION=20 ALPINE_VERSION="3.20" EMPTY=
#   ^^^^^^^^^^^^ variable.other.arg.dockerfile
#               ^ keyword.operator.assignment.dockerfile
#                ^^ string.unquoted.value.dockerfile
#                   ^^^^^^^^^^^^^^ variable.other.arg.dockerfile
#                                  ^^^^^^ string.quoted.double.dockerfile
#                                         ^^^^^ variable.other.arg.dockerfile
#                                              ^ keyword.operator.assignment.dockerfile
ARG TARGETOS TARGETARCH
#   ^^^^^^^^ variable.other.arg.dockerfile
#            ^^^^^^^^^^ variable.other.arg.dockerfile
LABEL org.opencontainers.image.title="Inventory service" \
#     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.instruction.label.dockerfile entity.other.attribute-name.label.dockerfile
#                                    ^^^^^^^^^^^^^^^^^^^ string.quoted.double.dockerfile
      "com.example.vendor"="ACME Inc." version=1.0
#     ^^^^^^^^^^^^^^^^^^^^ meta.instruction.label.dockerfile entity.other.attribute-name.label.dockerfile string.quoted.double.dockerfile
#                          ^^^^^^^^^^^ string.quoted.double.dockerfile - entity.other.attribute-name.label.dockerfile
#                                      ^^^^^^^ entity.other.attribute-name.label.dockerfile
#                                              ^^^ string.unquoted.value.dockerfile
LABEL maintainer Someone Else
#     ^^^^^^^^^^ entity.other.attribute-name.label.dockerfile
#                ^^^^^^^^^^^^ string.unquoted.value.dockerfile - entity.other.attribute-name.label.dockerfile

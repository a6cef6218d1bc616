# SYNTAX TEST "source.dockerfile" "variables: $VAR, ${VAR}, ${VAR:-default}, ${VAR:+x}"
ENV A=$HOME B=${HOME} C=${HOME:-/root} D=${DEBUG:+--verbose} E=${X-y} F=${N:?required}
#     ^ variable.other.dockerfile punctuation.definition.variable.dockerfile
#      ^^^^ variable.other.dockerfile
#             ^^ variable.other.bracket.dockerfile punctuation.definition.variable.begin.dockerfile
#               ^^^^ variable.other.bracket.dockerfile variable.other.dockerfile
#                   ^ variable.other.bracket.dockerfile punctuation.definition.variable.end.dockerfile
#                         ^^^^ variable.other.dockerfile
#                             ^^ variable.other.bracket.dockerfile keyword.operator.expansion.dockerfile
#                               ^^^^^ variable.other.bracket.dockerfile - variable.other.dockerfile
#                                          ^^^^^ variable.other.dockerfile
#                                               ^^ keyword.operator.expansion.dockerfile
#                                                 ^^^^^^^^^ variable.other.bracket.dockerfile
#                                                                 ^ keyword.operator.expansion.dockerfile
#                                                                          ^^ keyword.operator.expansion.dockerfile
ENV P="${PREFIX:-/usr/local}/bin:$PATH" Q='$NOT_A_VAR' R=\$ESCAPED
#        ^^^^^^ string.quoted.double.dockerfile variable.other.bracket.dockerfile variable.other.dockerfile
#                                 ^^^^ string.quoted.double.dockerfile variable.other.dockerfile
#                                          ^^^^^^^^^^ string.quoted.single.dockerfile - variable.other.dockerfile
#                                                        ^^ constant.character.escape.dockerfile - variable.other.dockerfile
#                                                          ^^^^^^^ - variable.other.dockerfile
LABEL version="${VERSION}" description="v$VERSION \"quoted\""
#                ^^^^^^^ string.quoted.double.dockerfile variable.other.dockerfile
#                                         ^^^^^^^ string.quoted.double.dockerfile variable.other.dockerfile
#                                                 ^^ string.quoted.double.dockerfile constant.character.escape.dockerfile
WORKDIR /src/${APP_NAME}
#              ^^^^^^^^ meta.instruction.workdir.dockerfile variable.other.dockerfile
COPY ${SRC:-.} /opt/$APP/
#      ^^^ meta.instruction.copy.dockerfile variable.other.dockerfile
#                    ^^^ variable.other.dockerfile
USER ${UID}:${GID}
#      ^^^ variable.other.dockerfile
#             ^^^ variable.other.dockerfile
VOLUME ["/data/$NAME"]
#               ^^^^ meta.array.json.dockerfile string.quoted.double.json.dockerfile variable.other.dockerfile
CMD ["echo", "$HOME"]
#             ^^^^^ string.quoted.double.json.dockerfile - variable.other.dockerfile
EXPOSE $PORT ${ADMIN_PORT}/udp
#       ^^^^ constant.numeric.port.dockerfile variable.other.dockerfile
#              ^^^^^^^^^^ constant.numeric.port.dockerfile variable.other.dockerfile
ARG V=${BASE_VERSION}-rc
#       ^^^^^^^^^^^^ variable.other.dockerfile
#                    ^^^ string.unquoted.value.dockerfile

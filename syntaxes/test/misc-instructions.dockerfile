# SYNTAX TEST "source.dockerfile" "EXPOSE, HEALTHCHECK, STOPSIGNAL, USER, WORKDIR, VOLUME, MAINTAINER"
EXPOSE 80 443/tcp 53/UDP 9000-9010/sctp 8080/bogus
#      ^^ meta.instruction.expose.dockerfile constant.numeric.port.dockerfile
#         ^^^ constant.numeric.port.dockerfile
#            ^ punctuation.separator.protocol.dockerfile
#             ^^^ constant.language.protocol.dockerfile
#                    ^^^ constant.language.protocol.dockerfile
#                        ^^^^ constant.numeric.port.dockerfile
#                            ^ punctuation.separator.range.dockerfile
#                             ^^^^ constant.numeric.port.dockerfile
#                                  ^^^^ constant.language.protocol.dockerfile
#                                            ^^^^^ invalid.illegal.protocol.dockerfile
HEALTHCHECK NONE
#           ^^^^ meta.instruction.healthcheck.dockerfile constant.language.none.dockerfile
healthcheck --timeout=3s cmd ["true"]
# <----------- keyword.other.special-method.dockerfile
#                        ^^^ keyword.other.special-method.dockerfile
#                     ^^ constant.numeric.duration.dockerfile
#                             ^^^^^^ meta.array.json.dockerfile
HEALTHCHECK --interval=$INTERVAL CMD true
#                       ^^^^^^^^ string.unquoted.flag-value.dockerfile variable.other.dockerfile
STOPSIGNAL SIGQUIT
#          ^^^^^^^ meta.instruction.stopsignal.dockerfile constant.language.signal.dockerfile
STOPSIGNAL 9
#          ^ constant.numeric.integer.dockerfile
STOPSIGNAL $SIGNAL
#           ^^^^^^ variable.other.dockerfile - constant.language.signal.dockerfile
USER 1000:1000
#    ^^^^^^^^^ meta.instruction.user.dockerfile
WORKDIR "/path with spaces"
#       ^^^^^^^^^^^^^^^^^^^ meta.instruction.workdir.dockerfile string.quoted.double.dockerfile
VOLUME /var/lib/mysql /var/log/mysql
#      ^^^^^^^^^^^^^^ meta.instruction.volume.dockerfile - meta.array.json.dockerfile
MAINTAINER Jane Doe <jane@example.com>
#          ^^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.instruction.maintainer.dockerfile - keyword.operator.heredoc.dockerfile

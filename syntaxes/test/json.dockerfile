# SYNTAX TEST "source.dockerfile" "exec (JSON) form"
CMD ["node", "server.js", "--port=\"80\"", "C:\\app", "\u00e9"]
#   ^ meta.instruction.cmd.dockerfile meta.array.json.dockerfile punctuation.definition.array.begin.dockerfile
#    ^ string.quoted.double.json.dockerfile punctuation.definition.string.begin.dockerfile
#     ^^^^ meta.array.json.dockerfile string.quoted.double.json.dockerfile
#         ^ string.quoted.double.json.dockerfile punctuation.definition.string.end.dockerfile
#          ^ meta.array.json.dockerfile punctuation.separator.comma.dockerfile
#                                 ^^ constant.character.escape.dockerfile
#                                             ^^ constant.character.escape.dockerfile
#                                                      ^^^^^^ constant.character.escape.dockerfile
#                                                             ^ meta.array.json.dockerfile punctuation.definition.array.end.dockerfile
#     ^^^^ - meta.embedded.block.shell
ENTRYPOINT [ "/bin/sh", "-c" ]
#            ^^^^^^^^^ meta.instruction.entrypoint.dockerfile string.quoted.double.json.dockerfile
RUN ["apt-get", "install", "-y", "curl"]
#    ^^^^^^^^^ meta.instruction.run.dockerfile string.quoted.double.json.dockerfile - meta.embedded.block.shell
RUN ["bad\escape"]
#        ^^ invalid.illegal.unrecognized-escape.dockerfile
SHELL ["powershell", "-Command"]
#      ^^^^^^^^^^^^ meta.instruction.shell.dockerfile string.quoted.double.json.dockerfile
COPY ["my file.txt", "/dest dir/"]
#     ^^^^^^^^^^^^^ meta.instruction.copy.dockerfile string.quoted.double.json.dockerfile
VOLUME ["/var/log", "/data"]
#                   ^^^^^^^ meta.instruction.volume.dockerfile string.quoted.double.json.dockerfile
RUN [ -f /etc/os-release ] && cat /etc/os-release
#   ^^^^ meta.embedded.block.shell - meta.array.json.dockerfile
RUN [ "$A" = "b" ] || exit 1
#   ^^^^^^ meta.embedded.block.shell - meta.array.json.dockerfile
CMD ['single', 'quotes']
#   ^^^^^^^^^ meta.embedded.block.shell - meta.array.json.dockerfile
CMD ["a", "b"] extra
#   ^^^^ meta.embedded.block.shell - meta.array.json.dockerfile
CMD []
#   ^^ meta.array.json.dockerfile

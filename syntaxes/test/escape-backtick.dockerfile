# SYNTAX TEST "source.dockerfile" "escape=` makes the backtick the escape and continuation character"
# syntax=docker/dockerfile:1
# ^^^^^^ meta.directive.dockerfile keyword.other.directive.dockerfile
# escape=`
# <- meta.directive.dockerfile punctuation.definition.directive.dockerfile
# ^^^^^^ meta.directive.dockerfile keyword.other.directive.dockerfile
#        ^ meta.directive.dockerfile constant.character.escape.dockerfile
# check=error=true
# ^^^^^ meta.directive.dockerfile keyword.other.directive.dockerfile
# a comment after the directives
# ^^^^^^^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile
# syntax=ignored
# ^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile

FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build
# <---- meta.instruction.from.dockerfile keyword.other.special-method.dockerfile
#    ^^^^^^^^^^^^^^^^^ entity.name.image.registry.dockerfile
#                                                     ^^^^^ entity.name.type.stage.dockerfile
WORKDIR C:\src
#       ^^^^^^ meta.instruction.workdir.dockerfile - constant.character.escape.dockerfile
RUN msbuild App.sln `
# <--- keyword.other.special-method.dockerfile
#                   ^ meta.instruction.run.dockerfile constant.character.escape.line-continuation.dockerfile
        /p:Configuration=Release `
#       ^^^^^^^^^^^^^^^^^^^^^^^^ meta.instruction.run.dockerfile meta.shell-form.dockerfile
#                                ^ constant.character.escape.line-continuation.dockerfile
    # comment inside the continued instruction
#   ^ meta.instruction.run.dockerfile comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
        /p:OutDir=C:\out\ ; `
#                 ^^^^^^^ meta.instruction.run.dockerfile - constant.character.escape.line-continuation.dockerfile
#                           ^ constant.character.escape.line-continuation.dockerfile
    Write-Host 'done'
#   ^^^^^^^^^^ meta.instruction.run.dockerfile meta.shell-form.dockerfile - meta.embedded.block.shell source.shell
#              ^^^^^^ meta.instruction.run.dockerfile string.quoted.single.dockerfile
COPY C:\a\ C:\b\
# <---- meta.instruction.copy.dockerfile keyword.other.special-method.dockerfile
#    ^^^^^ meta.instruction.copy.dockerfile - constant.character.escape.line-continuation.dockerfile constant.character.escape.dockerfile
ENV A="say `"hi`"" `
#          ^^ meta.instruction.env.dockerfile string.quoted.double.dockerfile constant.character.escape.dockerfile
#                  ^ meta.instruction.env.dockerfile constant.character.escape.line-continuation.dockerfile
    B=2
#   ^ meta.instruction.env.dockerfile variable.other.env.dockerfile
HEALTHCHECK --interval=30s `
    CMD ["powershell", "-Command", "exit 0"]
#   ^^^ meta.instruction.healthcheck.dockerfile keyword.other.special-method.dockerfile
#        ^^^^^^^^^^^^ meta.array.json.dockerfile string.quoted.double.json.dockerfile
ENTRYPOINT ["C:\\ServiceMonitor.exe", "w3svc"]
#              ^^ meta.array.json.dockerfile constant.character.escape.dockerfile
RUN echo a \
    echo b
#   ^^^^^^ meta.instruction.unknown.dockerfile - meta.instruction.run.dockerfile

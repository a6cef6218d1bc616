# SYNTAX TEST "source.dockerfile" "an empty first line: no directives at all"

# escape=`
# <- comment.line.number-sign.dockerfile - meta.directive.dockerfile
# ^^^^^^^^ comment.line.number-sign.dockerfile - keyword.other.directive.dockerfile constant.character.escape.dockerfile
RUN echo a \
    && echo b
#   ^^^^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shell
ENV A=b `
#       ^ meta.instruction.env.dockerfile - constant.character.escape.line-continuation.dockerfile
USER app
# <---- keyword.other.special-method.dockerfile

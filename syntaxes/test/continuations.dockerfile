# SYNTAX TEST "source.dockerfile" "line continuations, comments and empty lines inside instructions"
RUN apt-get update \
#                  ^ meta.instruction.run.dockerfile constant.character.escape.line-continuation.dockerfile
    # a comment line inside the instruction
#   ^ meta.instruction.run.dockerfile comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
#     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.instruction.run.dockerfile comment.line.number-sign.dockerfile
    && apt-get install -y \
#   ^^^^^^^^^^^^^^^^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shell
        curl \

# <- meta.instruction.run.dockerfile
        git
#       ^^^ meta.instruction.run.dockerfile meta.embedded.block.shell
USER app
# <---- meta.instruction.user.dockerfile keyword.other.special-method.dockerfile - meta.instruction.run.dockerfile
COPY --chown=app \   
#                ^ meta.instruction.copy.dockerfile constant.character.escape.line-continuation.dockerfile
    # --from=ignored
#     ^^^^^^^^^^^^^^ meta.instruction.copy.dockerfile comment.line.number-sign.dockerfile - entity.other.attribute-name.flag.dockerfile
    --from=builder \
#   ^^^^^^ meta.instruction.copy.dockerfile entity.other.attribute-name.flag.dockerfile
    /a /b
#   ^^^^^ meta.instruction.copy.dockerfile
RUN echo "a string that \
continues" && echo done
# <---------- meta.instruction.run.dockerfile meta.embedded.block.shell
ENV MESSAGE="multi \
    line" OTHER=1
#   ^^^^^ meta.instruction.env.dockerfile string.quoted.double.dockerfile
#         ^^^^^ meta.instruction.env.dockerfile variable.other.env.dockerfile
ENV DIR=C:\\
#         ^^ meta.instruction.env.dockerfile constant.character.escape.dockerfile - constant.character.escape.line-continuation.dockerfile
FROM alpine
# <---- meta.instruction.from.dockerfile keyword.other.special-method.dockerfile - meta.instruction.run.dockerfile
# a comment that ends with a backslash \
FROM scratch
# <---- meta.instruction.from.dockerfile keyword.other.special-method.dockerfile - comment.line.number-sign.dockerfile
RUN echo a \
    # comment \
    echo b
#   ^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shell
CMD ["a", \
     # comment in an array
#    ^^^^^^^^^^^^^^^^^^^^^ meta.array.json.dockerfile comment.line.number-sign.dockerfile
     "b"]
#    ^^^ meta.array.json.dockerfile string.quoted.double.json.dockerfile
#       ^ meta.array.json.dockerfile punctuation.definition.array.end.dockerfile
EXPOSE 80 \
       443
#      ^^^ meta.instruction.expose.dockerfile constant.numeric.port.dockerfile

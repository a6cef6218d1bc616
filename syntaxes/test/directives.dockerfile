# SYNTAX TEST "source.dockerfile" "parser directives at the top of the file"
# syntax=docker/dockerfile:1.7
# <- meta.directive.dockerfile punctuation.definition.directive.dockerfile
# ^^^^^^ meta.directive.dockerfile keyword.other.directive.dockerfile
#       ^ meta.directive.dockerfile keyword.operator.assignment.dockerfile
#        ^^^^^^^^^^^^^^^^^ meta.directive.dockerfile string.unquoted.directive-value.dockerfile meta.image-reference.dockerfile entity.name.image.dockerfile
#                         ^ meta.directive.dockerfile punctuation.separator.tag.dockerfile
#                          ^^^ meta.directive.dockerfile constant.other.tag.dockerfile
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ - comment.line.number-sign.dockerfile
#  CHECK = skip=JSONArgsRecommended,StageNameCasing;error=true
# <- meta.directive.dockerfile punctuation.definition.directive.dockerfile
#  ^^^^^ meta.directive.dockerfile keyword.other.directive.dockerfile
#        ^ meta.directive.dockerfile keyword.operator.assignment.dockerfile
#          ^^^^ meta.directive.dockerfile string.unquoted.directive-value.dockerfile variable.parameter.check-option.dockerfile
#               ^^^^^^^^^^^^^^^^^^^ meta.directive.dockerfile string.unquoted.directive-value.dockerfile
#                                  ^ punctuation.separator.comma.dockerfile
#                                                  ^ punctuation.separator.semicolon.dockerfile
#                                                   ^^^^^ variable.parameter.check-option.dockerfile
#                                                         ^^^^ meta.directive.dockerfile string.unquoted.directive-value.dockerfile
# escape=\
# ^^^^^^ meta.directive.dockerfile keyword.other.directive.dockerfile
#        ^ meta.directive.dockerfile constant.character.escape.dockerfile
# this comment ends the parser directives
# <- comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile
# syntax=docker/dockerfile:1.4
# <- comment.line.number-sign.dockerfile - meta.directive.dockerfile
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile keyword.other.directive.dockerfile
FROM alpine
# escape=`
# <- comment.line.number-sign.dockerfile - meta.directive.dockerfile
RUN echo a \
    echo b
#   ^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shell

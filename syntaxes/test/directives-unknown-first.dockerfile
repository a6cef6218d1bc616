# SYNTAX TEST "source.dockerfile" "an unknown directive ends the directive block"
# foo=bar
# <- comment.line.number-sign.dockerfile - meta.directive.dockerfile
# ^^^^^^^ comment.line.number-sign.dockerfile
# syntax=docker/dockerfile:1
# <- comment.line.number-sign.dockerfile - meta.directive.dockerfile
# ^^^^^^ comment.line.number-sign.dockerfile - keyword.other.directive.dockerfile
FROM alpine
# <---- keyword.other.special-method.dockerfile

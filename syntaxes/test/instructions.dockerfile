# SYNTAX TEST "source.dockerfile" "instructions, case-insensitive, ONBUILD and unknown words"
FROM alpine AS base
# <---- meta.instruction.from.dockerfile keyword.other.special-method.dockerfile
from alpine as lower
# <---- meta.instruction.from.dockerfile keyword.other.special-method.dockerfile
#           ^^ keyword.other.as.dockerfile
  Run echo indented
# ^^^ meta.instruction.run.dockerfile keyword.other.special-method.dockerfile
ADD https://example.com/a.tgz /a/
# <--- meta.instruction.add.dockerfile keyword.other.special-method.dockerfile
ARG A
# <--- meta.instruction.arg.dockerfile keyword.other.special-method.dockerfile
CMD ["a"]
# <--- meta.instruction.cmd.dockerfile keyword.other.special-method.dockerfile
COPY a b
# <---- meta.instruction.copy.dockerfile keyword.other.special-method.dockerfile
ENTRYPOINT ["a"]
# <---------- meta.instruction.entrypoint.dockerfile keyword.other.special-method.dockerfile
ENV A=1
# <--- meta.instruction.env.dockerfile keyword.other.special-method.dockerfile
EXPOSE 80
# <------ meta.instruction.expose.dockerfile keyword.other.special-method.dockerfile
HEALTHCHECK NONE
# <----------- meta.instruction.healthcheck.dockerfile keyword.other.special-method.dockerfile
LABEL a=b
# <----- meta.instruction.label.dockerfile keyword.other.special-method.dockerfile
MAINTAINER someone@example.com
# <---------- meta.instruction.maintainer.dockerfile keyword.other.special-method.dockerfile
SHELL ["/bin/bash", "-c"]
# <----- meta.instruction.shell.dockerfile keyword.other.special-method.dockerfile
STOPSIGNAL SIGTERM
# <---------- meta.instruction.stopsignal.dockerfile keyword.other.special-method.dockerfile
USER app
# <---- meta.instruction.user.dockerfile keyword.other.special-method.dockerfile
VOLUME /data
# <------ meta.instruction.volume.dockerfile keyword.other.special-method.dockerfile
WORKDIR /app
# <------- meta.instruction.workdir.dockerfile keyword.other.special-method.dockerfile
ONBUILD RUN echo hi
# <------- meta.instruction.run.dockerfile keyword.control.dockerfile
#       ^^^ meta.instruction.run.dockerfile keyword.other.special-method.dockerfile
#           ^^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shell
onbuild copy --from=base /a /b
# <------- keyword.control.dockerfile
#       ^^^^ meta.instruction.copy.dockerfile keyword.other.special-method.dockerfile
#            ^^^^^^ entity.other.attribute-name.flag.dockerfile
#                   ^^^^ entity.name.type.stage.reference.dockerfile
ONBUILD ADD . /app/src
#       ^^^ meta.instruction.add.dockerfile keyword.other.special-method.dockerfile
ONBUILD \
# <------- meta.instruction.onbuild.dockerfile keyword.control.dockerfile
    RUN make
#   ^^^^^^^^ meta.instruction.onbuild.dockerfile
RUNN echo typo
# <---- meta.instruction.unknown.dockerfile - keyword.other.special-method.dockerfile
#    ^^^^^^^^^ meta.instruction.unknown.dockerfile
FROMAGE alpine
# <------- meta.instruction.unknown.dockerfile - keyword.other.special-method.dockerfile
RUN\
# <--- meta.instruction.run.dockerfile keyword.other.special-method.dockerfile
#  ^ constant.character.escape.line-continuation.dockerfile
    echo hi
#   ^^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shell

# SYNTAX TEST "source.dockerfile" "shell form embeds source.shell"
RUN apt-get update && apt-get install -y curl
# <--- meta.instruction.run.dockerfile keyword.other.special-method.dockerfile - meta.embedded.block.shell
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shell source.shell
CMD exec node server.js
#   ^^^^^^^^^^^^^^^^^^^ meta.instruction.cmd.dockerfile meta.embedded.block.shell source.shell
ENTRYPOINT /docker-entrypoint.sh "$@"
#          ^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.instruction.entrypoint.dockerfile meta.embedded.block.shell source.shell
HEALTHCHECK --interval=5s CMD curl -fsS http://localhost:8080/health || exit 1
#                         ^^^ meta.instruction.healthcheck.dockerfile keyword.other.special-method.dockerfile - meta.embedded.block.shell
#                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.instruction.healthcheck.dockerfile meta.embedded.block.shell source.shell
HEALTHCHECK CMD ["/bin/healthcheck", "--quick"]
#                ^^^^^^^^^^^^^^^^^^ meta.array.json.dockerfile string.quoted.double.json.dockerfile - meta.embedded.block.shell
RUN --mount=type=cache,target=/root/.npm npm ci
#   ^^^^^^^ - meta.embedded.block.shell
#                                        ^^^^^^ meta.embedded.block.shell source.shell
RUN set -e; \
    if [ -n "$X" ]; then \
#   ^^^^^^^^^^^^^^^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shell source.shell
        echo yes; \
    fi
#   ^^ meta.instruction.run.dockerfile meta.embedded.block.shell source.shell
WORKDIR /app
# <------- meta.instruction.workdir.dockerfile keyword.other.special-method.dockerfile - meta.embedded.block.shell

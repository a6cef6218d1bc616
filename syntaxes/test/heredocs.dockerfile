# SYNTAX TEST "source.dockerfile" "heredocs"
RUN <<EOF
#   ^^ meta.instruction.run.dockerfile keyword.operator.heredoc.dockerfile
#     ^^^ keyword.control.heredoc-token.dockerfile
set -eux
# <-------- meta.instruction.run.dockerfile meta.embedded.block.shell source.shell
# a shell comment, not a Dockerfile comment
# <----------------- meta.embedded.block.shell source.shell - comment.line.number-sign.dockerfile
FROM is not an instruction here
# <---- meta.embedded.block.shell - keyword.other.special-method.dockerfile
 EOF
#^^^ meta.embedded.block.shell - keyword.control.heredoc-token.dockerfile
EOF
# <--- meta.instruction.run.dockerfile keyword.control.heredoc-token.dockerfile - meta.embedded.block.shell
USER app
# <---- meta.instruction.user.dockerfile keyword.other.special-method.dockerfile
RUN --mount=type=cache,target=/var/cache/apt \
    <<-'SCRIPT'
#   ^^^ meta.instruction.run.dockerfile keyword.operator.heredoc.dockerfile
#      ^ punctuation.definition.string.begin.dockerfile
#       ^^^^^^ keyword.control.heredoc-token.dockerfile
#             ^ punctuation.definition.string.end.dockerfile
	#!/usr/bin/env bash
#^^ meta.embedded.block.shell comment.line.shebang.dockerfile punctuation.definition.comment.shebang.dockerfile
	apt-get update
#^^^^^^^^^^^^^^ meta.embedded.block.shell
	SCRIPT
#^^^^^^ meta.instruction.run.dockerfile keyword.control.heredoc-token.dockerfile - meta.embedded.block.shell
RUN bash -eux <<"EOF"
#   ^^^^^^^^^ meta.embedded.block.shell
#             ^^ keyword.operator.heredoc.dockerfile
#                ^^^ keyword.control.heredoc-token.dockerfile
echo "$HOME"
# <---- meta.embedded.block.shell source.shell - string.unquoted.heredoc.dockerfile
EOF
# <--- keyword.control.heredoc-token.dockerfile
RUN cat <<EOF > /etc/app.conf
#   ^^^ meta.instruction.run.dockerfile meta.embedded.block.shell
#       ^^ keyword.operator.heredoc.dockerfile
#         ^^^ keyword.control.heredoc-token.dockerfile
#             ^^^^^^^^^^^^^^^ meta.embedded.block.shell - keyword.control.heredoc-token.dockerfile
listen = ${PORT}
# <-------- string.unquoted.heredoc.dockerfile
#          ^^^^ string.unquoted.heredoc.dockerfile variable.other.dockerfile
EOF
# <--- keyword.control.heredoc-token.dockerfile
RUN <<FILE1 cat > /file1 && <<"FILE2" cat > /file2
#     ^^^^^ keyword.control.heredoc-token.dockerfile
#           ^^^^^^^^^^^^^^^ meta.embedded.block.shell - keyword.control.heredoc-token.dockerfile
#                              ^^^^^ keyword.control.heredoc-token.dockerfile
first $BODY
# <----- string.unquoted.heredoc.dockerfile
#      ^^^^ string.unquoted.heredoc.dockerfile variable.other.dockerfile
FILE2
# <----- string.unquoted.heredoc.dockerfile - keyword.control.heredoc-token.dockerfile
FILE1
# <----- keyword.control.heredoc-token.dockerfile
second $BODY
# <------------ string.unquoted.heredoc.dockerfile - variable.other.dockerfile
FILE1
# <----- string.unquoted.heredoc.dockerfile - keyword.control.heredoc-token.dockerfile
FILE2
# <----- keyword.control.heredoc-token.dockerfile
WORKDIR /
# <------- meta.instruction.workdir.dockerfile keyword.other.special-method.dockerfile
COPY <<robots.txt <<humans.txt /usr/share/nginx/html/
# <---- meta.instruction.copy.dockerfile keyword.other.special-method.dockerfile
#      ^^^^^^^^^^ keyword.control.heredoc-token.dockerfile
#                   ^^^^^^^^^^ keyword.control.heredoc-token.dockerfile
#                              ^^^^^^^^^^^^^^^^^^^^^^ meta.instruction.copy.dockerfile - keyword.control.heredoc-token.dockerfile
User-agent: *
# <------------- meta.instruction.copy.dockerfile string.unquoted.heredoc.dockerfile
robots.txt
# <---------- keyword.control.heredoc-token.dockerfile
/* TEAM */
# <---------- string.unquoted.heredoc.dockerfile
humans.txt
# <---------- keyword.control.heredoc-token.dockerfile
COPY --chmod=755 <<"EOF" /usr/local/bin/entrypoint.sh
#    ^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                   ^^^ keyword.control.heredoc-token.dockerfile
#!/bin/sh
# <--------- string.unquoted.heredoc.dockerfile - comment.line.shebang.dockerfile comment.line.number-sign.dockerfile
exec "$@" ${NOT_EXPANDED}
#         ^^^^^^^^^^^^^^^ string.unquoted.heredoc.dockerfile - variable.other.dockerfile
EOF
# <--- keyword.control.heredoc-token.dockerfile
COPY <<'EOF' /etc/profile.d/prompt.sh
#      ^ punctuation.definition.string.begin.dockerfile
#       ^^^ keyword.control.heredoc-token.dockerfile
#          ^ punctuation.definition.string.end.dockerfile
export PS1='$USER> '
#           ^^^^^ string.unquoted.heredoc.dockerfile - variable.other.dockerfile
EOF
# <--- keyword.control.heredoc-token.dockerfile
ADD <<-EOT /etc/motd
	Welcome to $HOSTNAME
#            ^^^^^^^^ meta.instruction.add.dockerfile string.unquoted.heredoc.dockerfile variable.other.dockerfile
	EOT
#^^^ keyword.control.heredoc-token.dockerfile
COPY <<EOF /no-tabs
	EOF
#^^^ string.unquoted.heredoc.dockerfile - keyword.control.heredoc-token.dockerfile
EOF
# <--- keyword.control.heredoc-token.dockerfile
ONBUILD RUN <<EOF
# <------- keyword.control.dockerfile
#             ^^^ keyword.control.heredoc-token.dockerfile
echo onbuild
# <------------ meta.embedded.block.shell
EOF
# <--- keyword.control.heredoc-token.dockerfile
RUN 3<<EOF cat /dev/fd/3
#   ^ constant.numeric.integer.file-descriptor.dockerfile
#      ^^^ keyword.control.heredoc-token.dockerfile
data
# <---- string.unquoted.heredoc.dockerfile
EOF
RUN echo "<<NOT_A_HEREDOC" && echo done
#           ^^^^^^^^^^^^^ - keyword.control.heredoc-token.dockerfile
CMD cat <<EOF
#       ^^^^^ meta.embedded.block.shell - keyword.operator.heredoc.dockerfile keyword.control.heredoc-token.dockerfile
HEALTHCHECK CMD cat <<EOF \
    && echo next
#   ^^^^^^^^^^^^ meta.instruction.healthcheck.dockerfile meta.embedded.block.shell - string.unquoted.heredoc.dockerfile
RUN ["cat", "<<EOF"]
#            ^^^^^ string.quoted.double.json.dockerfile - keyword.operator.heredoc.dockerfile
EXPOSE 80
# <------ meta.instruction.expose.dockerfile keyword.other.special-method.dockerfile

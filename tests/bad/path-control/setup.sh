# a control character (0x01) in a name: it would garble text output
printf 'x\n' > $'static/a\001b.txt'

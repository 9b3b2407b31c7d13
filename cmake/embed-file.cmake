# Turns one file into a C string constant:
#   cmake -DIN=<file> -DNAME=<C identifier> -DOUT=<file.c> -P embed-file.cmake
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
set(body "/* Generated from ${IN} by cmake/embed-file.cmake; do not edit. */\nextern const char ${NAME}[];\nconst char ${NAME}[] = {${bytes}0};\n")
file(WRITE "${OUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
file(REMOVE "${OUT}.tmp")

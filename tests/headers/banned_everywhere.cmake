# Fails, naming them, when a .c file of src/ does not include util/banned.h
# (as "util/banned.h", or "banned.h" from src/util/ itself): the functions it
# bans would compile there unnoticed.
file(GLOB_RECURSE units ${SRC}/*.c)
set(missing)
foreach(u ${units})
  file(READ ${u} text)
  if(NOT text MATCHES "#include \"(util/)?banned\\.h\"")
    file(RELATIVE_PATH rel ${SRC} ${u})
    list(APPEND missing ${rel})
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "these units do not include util/banned.h: ${missing}")
endif()

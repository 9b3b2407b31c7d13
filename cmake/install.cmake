# What `cmake --install` puts where, and the Debian package CPack makes of it
# (`cpack -G DEB` in the build directory). Layout under the prefix:
#   bin/folio
#   share/folio/hooks/           the Git hooks (scripts/install-hooks.sh fills in the binary)
#   share/folio/scripts/         setup-server.sh, install-hooks.sh, install-daemon-hooks.sh,
#                                folio.service (the unit setup-server.sh fills in),
#                                server-config.example
#   share/man/man1/              folio(1), folio-<command>(1) from each --help
#   share/bash-completion/completions/folio
# Templates are compiled into the binary: nothing to install for them.
include(GNUInstallDirs)

install(TARGETS folio_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# install-hooks.sh finds the hooks in ../hooks of its own directory, as in the source tree
install(PROGRAMS hooks/pre-receive hooks/post-receive hooks/pre-commit
        DESTINATION ${CMAKE_INSTALL_DATADIR}/folio/hooks)
install(PROGRAMS scripts/setup-server.sh scripts/install-hooks.sh scripts/install-daemon-hooks.sh
        DESTINATION ${CMAKE_INSTALL_DATADIR}/folio/scripts)
install(FILES scripts/folio.service scripts/server-config.example
        DESTINATION ${CMAKE_INSTALL_DATADIR}/folio/scripts)
install(FILES scripts/folio.bash-completion
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME folio)

# Man pages: each command's --help, rendered by scripts/gen-man.py once folio is built.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  file(STRINGS ${PROJECT_SOURCE_DIR}/src/cli/commands.def FOLIO_CMD_LINES REGEX "^CMD\\(\"")
  set(FOLIO_MAN_PAGES ${CMAKE_BINARY_DIR}/man/folio.1)
  foreach(l ${FOLIO_CMD_LINES})
    string(REGEX REPLACE "^CMD\\(\"([a-z-]+)\".*" "\\1" name "${l}")
    list(APPEND FOLIO_MAN_PAGES ${CMAKE_BINARY_DIR}/man/folio-${name}.1)
  endforeach()
  add_custom_command(
    OUTPUT ${FOLIO_MAN_PAGES}
    # a sanitized folio may report leaks at exit: the pages do not care;
    # the pages are English whatever the builder's locale
    COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0 LC_ALL=C LANGUAGE=
            ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/gen-man.py
            $<TARGET_FILE:folio_cli> ${CMAKE_BINARY_DIR}/man ${PROJECT_VERSION}
    DEPENDS folio_cli ${PROJECT_SOURCE_DIR}/scripts/gen-man.py
    COMMENT "Rendering man pages from --help")
  add_custom_target(folio_man ALL DEPENDS ${FOLIO_MAN_PAGES})
  install(FILES ${FOLIO_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "python3 not found: no man pages")
endif()

# The Debian package: `cpack -G DEB` in the build directory.
set(CPACK_PACKAGE_NAME folio)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "folio maintainers <folio@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "validate, render and publish a static site kept in Git")
set(CPACK_PACKAGE_DESCRIPTION
  "folio checks a site's pages (front matter, links, ISBNs) at git push time, renders it to static\n HTML, and delivers JSON to partners; folio watch publishes every push (systemd unit included).")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
# the libraries from the binary's needs (dpkg-shlibdeps); git for the hooks and scripts;
# the three loaded on first use (src/util/lazylib.h), which dpkg-shlibdeps cannot see:
# their packages hold the sonames the lazylib_*.h headers open
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "git, openssl, libcurl4, libmicrohttpd12, libxml2")
set(CPACK_STRIP_FILES ON)
include(CPack)

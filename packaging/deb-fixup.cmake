# deb-fixup.cmake: run by CPack (CPACK_PRE_BUILD_SCRIPTS) on the staged tree before the .deb
# is made: Debian wants man pages and the changelog compressed with gzip -9n, and the
# changelog of a native package at /usr/share/doc/<package>/changelog.gz.
set(root "${CPACK_TEMPORARY_INSTALL_DIRECTORY}${CPACK_PACKAGING_INSTALL_PREFIX}")
if(NOT EXISTS "${root}/bin/baogao")
  file(GLOB_RECURSE found "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/bin/baogao")
  list(GET found 0 bin)
  get_filename_component(root "${bin}" DIRECTORY)
  get_filename_component(root "${root}" DIRECTORY)
endif()
find_program(GZIP gzip REQUIRED)
execute_process(COMMAND ${GZIP} -9nf "${root}/share/man/man1/baogao.1" COMMAND_ERROR_IS_FATAL ANY)
configure_file("${CPACK_BG_SOURCE_DIR}/packaging/changelog.in" "${root}/share/doc/baogao/changelog" @ONLY)
execute_process(COMMAND ${GZIP} -9nf "${root}/share/doc/baogao/changelog" COMMAND_ERROR_IS_FATAL ANY)

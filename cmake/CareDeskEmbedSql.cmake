# Compiles the SQL migrations (NNNN_name.sql) into the server binary, so a
# server always carries exactly the schema it was built for.
#
#   caredesk_embed_migrations(<target> [DIRECTORY <dir>])
#
# adds a generated source defining caredesk::server::builtinMigrations() (see
# server/storage/Migrator.h) to <target>. <dir> defaults to
# <target's source dir>/storage/migrations. Adding, removing or editing a .sql
# file regenerates the source at the next build.
#
# The same file, run with cmake -P, is the generator.

if(CMAKE_SCRIPT_MODE_FILE)
    cmake_minimum_required(VERSION 3.25)
    file(GLOB sql_files "${CAREDESK_MIGRATIONS_DIR}/*.sql")
    list(SORT sql_files)
    set(delimiter "caredesk_sql")
    set(entries "")
    set(seen_versions "")
    foreach(sql_file IN LISTS sql_files)
        get_filename_component(file_name "${sql_file}" NAME)
        if(NOT file_name MATCHES "^([0-9]+)_([a-z0-9_]+)\\.sql$")
            message(FATAL_ERROR "migration ${file_name}: expected NNNN_lower_case_name.sql")
        endif()
        set(name "${CMAKE_MATCH_2}")
        string(REGEX REPLACE "^0+" "" version "${CMAKE_MATCH_1}")
        if(version STREQUAL "")
            message(FATAL_ERROR "migration ${file_name}: versions start at 1")
        endif()
        if(version IN_LIST seen_versions)
            message(FATAL_ERROR "migration ${file_name}: version ${version} appears twice")
        endif()
        list(APPEND seen_versions ${version})
        file(READ "${sql_file}" sql)
        string(FIND "${sql}" ")${delimiter}\"" clash)
        if(NOT clash EQUAL -1)
            message(FATAL_ERROR "migration ${file_name} contains )${delimiter}\"")
        endif()
        string(APPEND entries
            "        {${version}, \"${name}\", R\"${delimiter}(${sql})${delimiter}\"},\n")
    endforeach()
    set(source "// Generated from ${CAREDESK_MIGRATIONS_NAME} by CareDeskEmbedSql.cmake; do not edit.
#include \"storage/Migrator.h\"

namespace caredesk::server {

const std::vector<Migration> &builtinMigrations() {
    static const std::vector<Migration> migrations = {
${entries}    };
    return migrations;
}

} // namespace caredesk::server
")
    file(WRITE "${CAREDESK_EMBED_OUTPUT}" "${source}")
    return()
endif()

function(caredesk_embed_migrations target)
    cmake_parse_arguments(M "" "DIRECTORY" "" ${ARGN})
    if(NOT M_DIRECTORY)
        get_target_property(target_dir ${target} SOURCE_DIR)
        set(M_DIRECTORY "${target_dir}/storage/migrations")
    endif()
    # CONFIGURE_DEPENDS: a new migration file re-runs the configure step, which
    # refreshes the dependency list below.
    file(GLOB sql_files CONFIGURE_DEPENDS "${M_DIRECTORY}/*.sql")
    if(NOT sql_files)
        message(FATAL_ERROR "caredesk_embed_migrations(${target}): no .sql files in ${M_DIRECTORY}")
    endif()
    file(RELATIVE_PATH display_name "${PROJECT_SOURCE_DIR}" "${M_DIRECTORY}")
    set(output "${CMAKE_CURRENT_BINARY_DIR}/generated/${target}_migrations.cpp")
    add_custom_command(
        OUTPUT "${output}"
        COMMAND "${CMAKE_COMMAND}"
                "-DCAREDESK_MIGRATIONS_DIR=${M_DIRECTORY}"
                "-DCAREDESK_MIGRATIONS_NAME=${display_name}"
                "-DCAREDESK_EMBED_OUTPUT=${output}"
                -P "${CMAKE_CURRENT_FUNCTION_LIST_FILE}"
        DEPENDS ${sql_files} "${CMAKE_CURRENT_FUNCTION_LIST_FILE}"
        COMMENT "Embedding SQL migrations from ${display_name}"
        VERBATIM)
    target_sources(${target} PRIVATE "${output}")
endfunction()

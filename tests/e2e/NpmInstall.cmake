# Installs the e2e tests' Node packages into the build folder with `npm ci`,
# from the committed lockfile, only when they are missing or the lockfile
# changed. Run as: cmake -DNPM=... -DSOURCE_DIR=... -DTARGET_DIR=... -P NpmInstall.cmake

foreach(variable NPM SOURCE_DIR TARGET_DIR)
    if(NOT ${variable})
        message(FATAL_ERROR "NpmInstall.cmake needs -D${variable}=...")
    endif()
endforeach()

set(lockfile "${SOURCE_DIR}/package-lock.json")
set(installed "${TARGET_DIR}/node_modules/.package-lock.json")
set(stamp "${TARGET_DIR}/installed-lockfile.json")

if(EXISTS "${installed}" AND EXISTS "${stamp}")
    file(SHA256 "${lockfile}" wanted)
    file(SHA256 "${stamp}" have)
    if(wanted STREQUAL have)
        return()
    endif()
endif()

file(MAKE_DIRECTORY "${TARGET_DIR}")
file(COPY "${SOURCE_DIR}/package.json" "${lockfile}" DESTINATION "${TARGET_DIR}")
message(STATUS "npm ci in ${TARGET_DIR}")
execute_process(
    COMMAND "${NPM}" ci --no-audit --no-fund --ignore-scripts
    WORKING_DIRECTORY "${TARGET_DIR}"
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "npm ci failed (${result}); the e2e tests cannot run without playwright-core")
endif()
file(COPY_FILE "${lockfile}" "${stamp}")

# One way to add a test: one Qt Test class per executable, one label each.
#   caredesk_add_test(NAME protocol_codec LABEL unit SOURCES ... LIBRARIES ... [TIMEOUT s] [GUI])
# GUI tests run on the offscreen platform. Tests make their own temporary
# folders (QTemporaryDir), so parallel runs never share state.
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Test)

function(caredesk_add_test)
    cmake_parse_arguments(T "GUI" "NAME;LABEL;TIMEOUT" "SOURCES;LIBRARIES" ${ARGN})
    if(NOT T_LABEL MATCHES "^(unit|db|gui|e2e)$")
        message(FATAL_ERROR "caredesk_add_test(${T_NAME}): LABEL must be unit, db, gui or e2e")
    endif()
    set(exe test_${T_NAME})
    add_executable(${exe} ${T_SOURCES})
    target_link_libraries(${exe} PRIVATE Qt6::Test ${T_LIBRARIES})
    set_target_properties(${exe} PROPERTIES AUTOMOC ON)
    caredesk_warnings(${exe})
    add_test(NAME ${T_NAME} COMMAND ${exe})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set(env "CAREDESK_SOURCE_DIR=${PROJECT_SOURCE_DIR}" "CAREDESK_BINARY_DIR=${PROJECT_BINARY_DIR}")
    if(T_GUI OR T_LABEL STREQUAL "gui")
        list(APPEND env "QT_QPA_PLATFORM=offscreen")
    endif()
    set_tests_properties(${T_NAME} PROPERTIES LABELS ${T_LABEL} TIMEOUT ${T_TIMEOUT}
                                              ENVIRONMENT "${env}")
endfunction()

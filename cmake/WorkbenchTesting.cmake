# One helper adds every test: one executable per unit, run headless.
#
#   workbench_add_test(NAME name SOURCES a.cpp ... LIBRARIES lib ... [KEYRING] [GUI]
#                      [ENVIRONMENT VAR=value ...] [TIMEOUT seconds] [LABELS l ...])
#
# KEYRING runs the test inside a private D-Bus session with a throwaway gnome-keyring,
# HOME and XDG_RUNTIME_DIR (tests/support/with-keyring.sh).
# GUI marks tests that create widgets; every test runs with QT_QPA_PLATFORM=offscreen.

set(WORKBENCH_KEYRING_WRAPPER "${PROJECT_SOURCE_DIR}/tests/support/with-keyring.sh")

function(workbench_add_test)
    cmake_parse_arguments(ARG "KEYRING;GUI" "NAME;TIMEOUT" "SOURCES;LIBRARIES;ENVIRONMENT;LABELS" ${ARGN})
    if(NOT ARG_NAME OR NOT ARG_SOURCES)
        message(FATAL_ERROR "workbench_add_test needs NAME and SOURCES")
    endif()
    set(_target tst_${ARG_NAME})
    # Every test reads messages as the programs show them, plurals through the translations.
    add_executable(${_target} ${ARG_SOURCES} $<TARGET_OBJECTS:workbench_testtranslations>)
    target_link_libraries(${_target} PRIVATE Qt6::Test workbench_testsupport workbench_core ${ARG_LIBRARIES})
    workbench_target_settings(${_target})

    set(_command $<TARGET_FILE:${_target}>)
    set(_labels ${ARG_LABELS})
    if(ARG_KEYRING)
        set(_command ${WORKBENCH_KEYRING_WRAPPER} ${_command})
        list(APPEND _labels keyring)
    endif()
    if(ARG_GUI)
        list(APPEND _labels gui)
    endif()
    add_test(NAME ${ARG_NAME} COMMAND ${_command})

    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${ARG_NAME} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${_labels}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=workbench.*.debug=false;IWB_BINARY=$<TARGET_FILE:iwb>;WORKBENCH_GUI_BINARY=$<TARGET_FILE:instana-workbench>;WORKBENCH_SOURCE_DIR=${PROJECT_SOURCE_DIR};${ARG_ENVIRONMENT}")
endfunction()

# Compile settings shared by every target of the project, applied through one function so
# that the core, the widgets, the executables and the tests are all built the same way.

function(workbench_target_settings target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_CAST_TO_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_NO_CAST_FROM_BYTEARRAY
        QT_USE_QSTRINGBUILDER
        QT_NO_FOREACH
        QT_NO_KEYWORDS
        QT_STRICT_ITERATORS
        QT_DISABLE_DEPRECATED_BEFORE=0x060400
        WORKBENCH_VERSION_STRING="${PROJECT_VERSION}")
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wpedantic -Werror=switch -Wshadow -Wnon-virtual-dtor
        -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference)
    if(WORKBENCH_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    if(WORKBENCH_SANITIZERS)
        list(JOIN WORKBENCH_SANITIZERS "," _sanitizers)
        target_compile_options(${target} PRIVATE
            -fsanitize=${_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
        target_link_options(${target} PRIVATE -fsanitize=${_sanitizers})
    endif()
endfunction()

# Fails the configure step when a target links, directly or through another target, one of
# the given libraries. The core must stay usable without a display: no Widgets, Gui or Charts.
function(workbench_forbid_links target)
    set(_seen "")
    set(_queue ${target})
    while(_queue)
        list(POP_FRONT _queue _current)
        if(_current IN_LIST _seen OR NOT TARGET ${_current})
            continue()
        endif()
        list(APPEND _seen ${_current})
        get_target_property(_aliased ${_current} ALIASED_TARGET)
        if(_aliased)
            list(APPEND _queue ${_aliased})
        endif()
        foreach(_property LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
            get_target_property(_libs ${_current} ${_property})
            if(_libs)
                foreach(_lib IN LISTS _libs)
                    string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" _lib "${_lib}")
                    foreach(_forbidden IN LISTS ARGN)
                        if(_lib STREQUAL _forbidden OR _lib MATCHES "Qt6::${_forbidden}$"
                           OR _lib MATCHES "Qt6${_forbidden}")
                            message(FATAL_ERROR
                                "${target} must not link ${_forbidden} (found through ${_current}: ${_lib})")
                        endif()
                    endforeach()
                    list(APPEND _queue ${_lib})
                endforeach()
            endif()
        endforeach()
    endwhile()
endfunction()

# cmake -DRUN_CLANG_TIDY=run-clang-tidy-14 -DCLANG_TIDY=clang-tidy-14 -DSOURCE_DIR=<root>
#       -DBUILD_DIR=<build> [-DJOBS=2] -P CheckTidy.cmake
# Runs clang-tidy, as .clang-tidy says, on the project's own sources listed in the build's
# compile_commands.json: app, ui, the tests' shared support and the benchmarks, and the project's
# own headers; not the moc, uic or rcc outputs. The test cases themselves (tests/*/tst_*.cpp)
# are left to the compiler's warnings: they are half of all translation units, each parsing
# QtTest on top of the code under test, and would double the run. Fails, with the findings,
# when there is any.
if(NOT JOBS)
    set(JOBS 2)
endif()
string(REPLACE "." "\\." _root "${SOURCE_DIR}")
execute_process(
    COMMAND ${RUN_CLANG_TIDY} -clang-tidy-binary ${CLANG_TIDY} -p ${BUILD_DIR} -quiet -j ${JOBS}
            -extra-arg=-Wno-overloaded-virtual
            "-header-filter=^${_root}/(app|ui|tests)/"
            "^${_root}/(app|ui|tests/support|tests/bench)/"
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE errors)
# run-clang-tidy prints a line per file it starts; only findings are worth showing.
string(REGEX MATCHALL "[^\n]*(warning|error): [^\n]*" findings "${output}\n${errors}")
list(REMOVE_DUPLICATES findings)
list(LENGTH findings count)
if(NOT result EQUAL 0 OR count GREATER 0)
    list(JOIN findings "\n" listing)
    message(FATAL_ERROR "clang-tidy found ${count} problem(s):\n${listing}")
endif()
message(STATUS "clang-tidy found nothing in the project's sources")

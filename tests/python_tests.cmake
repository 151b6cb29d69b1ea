# stove_python_tests(LABEL): registers every unittest case in the calling
# folder (Debian's /usr/bin/python3) as its own CTest test named
# LABEL.<module without test_>.<Class>.<method>, run against the stoved and
# stovectl of this build. Slow cases get a longer timeout and start first.
set(STOVE_PYTHON /usr/bin/python3)

function(stove_python_tests label)
  set(dir ${CMAKE_CURRENT_SOURCE_DIR})
  file(GLOB sources CONFIGURE_DEPENDS ${dir}/*.py)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${sources} ${STOVE_TEST_DIR}/list_python_cases.py)
  execute_process(
    COMMAND ${STOVE_PYTHON} -B ${STOVE_TEST_DIR}/list_python_cases.py ${dir}
    OUTPUT_VARIABLE listed
    ERROR_VARIABLE errors
    RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${dir}: cannot list the test cases: ${errors}")
  endif()
  string(REPLACE "\n" ";" lines "${listed}")
  set(env "STOVED=$<TARGET_FILE:stoved>" "STOVECTL=$<TARGET_FILE:stovectl>" "PYTHONDONTWRITEBYTECODE=1")
  foreach(line IN LISTS lines)
    if(line STREQUAL "")
      continue()
    endif()
    string(REPLACE "|" ";" fields "${line}")
    list(GET fields 0 case)
    list(GET fields 1 speed)
    string(REGEX REPLACE "^test_" "" short "${case}")
    set(name "${label}.${short}")
    add_test(NAME ${name} COMMAND ${STOVE_PYTHON} -B -m unittest -v ${case} WORKING_DIRECTORY ${dir})
    if(speed STREQUAL "slow")
      set_tests_properties(${name} PROPERTIES ENVIRONMENT "${env}" TIMEOUT 600 COST 10000
                           LABELS "${label};slow")
    else()
      set_tests_properties(${name} PROPERTIES ENVIRONMENT "${env}" TIMEOUT 120 LABELS ${label})
    endif()
  endforeach()
endfunction()

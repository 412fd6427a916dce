# The include rules of DESIGN.md, checked on every file under native-host/src:
#   - dependency direction app -> service -> {protocol, store, digest} -> core:
#     a layer includes project headers ("layer/...") only from itself and below;
#   - core links nothing: standard C++ headers only (no '.h', no folder);
#   - only store includes SQLiteCpp or sqlite3.h;
#   - only digest includes curl;
#   - store never sees JSON (no nlohmann);
#   - only app parses argv (CLI11).
#
#   cmake -DSOURCE_DIR=<repo>/native-host/src -P layering_test.cmake
#   cmake -DSELF_TEST=ON -P layering_test.cmake   (the rules catch what they should)
cmake_minimum_required(VERSION 3.25)

set(allowed_core core)
set(allowed_protocol core protocol)
set(allowed_store core store)
set(allowed_digest core digest)
set(allowed_service core protocol store digest service)
set(allowed_app core protocol store digest service app)

# Sets `out` to why `include` (the text between the quotes or brackets,
# `quoted` TRUE for "...") breaks a rule in `layer`, or to "" when it is fine.
function(layering_violation layer include quoted out)
  set(why "")
  if(NOT DEFINED allowed_${layer})
    set(why "'${layer}' is not a layer of DESIGN.md")
  elseif(quoted)
    string(REGEX MATCH "^[^/]+" target "${include}")
    if(NOT include MATCHES "/")
      set(why "project headers are included from the source root (\"layer/name.hpp\")")
    elseif(NOT target IN_LIST allowed_${layer})
      set(why "${layer} may include only ${allowed_${layer}}, not ${target}")
    endif()
  elseif(layer STREQUAL "core" AND include MATCHES "[./]")
    set(why "core uses the standard library only")
  elseif(include MATCHES "^(SQLiteCpp/|sqlite3\\.h$)" AND NOT layer STREQUAL "store")
    set(why "only store includes SQLiteCpp")
  elseif(include MATCHES "^curl/" AND NOT layer STREQUAL "digest")
    set(why "only digest includes curl")
  elseif(include MATCHES "^nlohmann/" AND layer STREQUAL "store")
    set(why "store never sees JSON")
  elseif(include MATCHES "^CLI/" AND NOT layer STREQUAL "app")
    set(why "only app parses the command line (CLI11)")
  endif()
  set(${out} "${why}" PARENT_SCOPE)
endfunction()

if(SELF_TEST)
  # layer | include | quoted | expect a violation
  set(cases
    "core|vector|0|0"         "core|core/instant.hpp|1|0"
    "core|nlohmann/json.hpp|0|1" "core|unistd.h|0|1"     "core|protocol/envelope.hpp|1|1"
    "protocol|nlohmann/json.hpp|0|0" "protocol|store/database.hpp|1|1"
    "protocol|SQLiteCpp/Database.h|0|1"
    "store|SQLiteCpp/Statement.h|0|0" "store|sqlite3.h|0|0" "store|nlohmann/json.hpp|0|1"
    "store|protocol/requests.hpp|1|1"
    "service|SQLiteCpp/Exception.h|0|1" "service|store/database.hpp|1|0"
    "service|app/log_file.hpp|1|1"   "service|curl/curl.h|0|1"  "service|CLI/CLI.hpp|0|1"
    "digest|curl/curl.h|0|0"        "digest|store/database.hpp|1|1"
    "app|CLI/CLI.hpp|0|0"           "app|service/dispatcher.hpp|1|0" "app|sqlite3.h|0|1"
    "app|version.hpp|1|1"           "nudge|core/summary.hpp|1|1")
  set(failures 0)
  foreach(case IN LISTS cases)
    string(REPLACE "|" ";" fields "${case}")
    list(GET fields 0 layer)
    list(GET fields 1 include)
    list(GET fields 2 quoted)
    list(GET fields 3 expected)
    layering_violation(${layer} "${include}" ${quoted} why)
    if(expected AND why STREQUAL "")
      message(SEND_ERROR "self test: ${layer} including ${include} should be refused")
      math(EXPR failures "${failures} + 1")
    elseif(NOT expected AND NOT why STREQUAL "")
      message(SEND_ERROR "self test: ${layer} including ${include} refused: ${why}")
      math(EXPR failures "${failures} + 1")
    endif()
  endforeach()
  if(failures GREATER 0)
    message(FATAL_ERROR "layering self test: ${failures} case(s) wrong")
  endif()
  list(LENGTH cases count)
  message(STATUS "layering self test: ${count} cases ok")
  return()
endif()

if(NOT IS_DIRECTORY "${SOURCE_DIR}")
  message(FATAL_ERROR "pass -DSOURCE_DIR=<repo>/native-host/src")
endif()
file(GLOB_RECURSE files RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/*.cpp" "${SOURCE_DIR}/*.hpp"
     "${SOURCE_DIR}/*.hpp.in")
list(LENGTH files file_count)
if(file_count EQUAL 0)
  message(FATAL_ERROR "no sources under ${SOURCE_DIR}")
endif()
set(violations 0)
foreach(file IN LISTS files)
  string(REGEX MATCH "^[^/]+" layer "${file}")
  file(STRINGS "${SOURCE_DIR}/${file}" lines REGEX "^[ \t]*#[ \t]*include")
  foreach(line IN LISTS lines)
    if(line MATCHES "include[ \t]*\"([^\"]+)\"")
      set(quoted TRUE)
    elseif(line MATCHES "include[ \t]*<([^>]+)>")
      set(quoted FALSE)
    else()
      message(SEND_ERROR "${file}: can't read '${line}'")
      math(EXPR violations "${violations} + 1")
      continue()
    endif()
    layering_violation(${layer} "${CMAKE_MATCH_1}" ${quoted} why)
    if(NOT why STREQUAL "")
      message(SEND_ERROR "${file}: #include ${CMAKE_MATCH_1}: ${why}")
      math(EXPR violations "${violations} + 1")
    endif()
  endforeach()
endforeach()
if(violations GREATER 0)
  message(FATAL_ERROR "${violations} include(s) break the layering of DESIGN.md")
endif()
message(STATUS "layering: ${file_count} files follow DESIGN.md's include rules")

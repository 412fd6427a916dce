# Writes parasol.1 (gzipped) from the programs' own --help, so the manual can't
# drift from the CLI: the top-level help, every subcommand's, and parasol-host's.
#
#   cmake -DPARASOL=<parasol> -DHOST=<parasol-host> -DVERSION=<x.y.z> -DOUT=<parasol.1.gz>
#         -P make-manpage.cmake
cmake_minimum_required(VERSION 3.25)
foreach(var PARASOL HOST VERSION OUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "make-manpage.cmake: -D${var}= is required")
  endif()
endforeach()

function(help_of program name out)
  execute_process(COMMAND ${program} ${ARGN} --help OUTPUT_VARIABLE text RESULT_VARIABLE rc
                  ENCODING UTF-8)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${program} ${ARGN} --help failed (${rc})")
  endif()
  # The usage line names the binary by the path it was run from.
  string(REPLACE "${program}" "${name}" text "${text}")
  # roff: backslashes are escapes, and a line starting with . or ' is a request.
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

help_of(${PARASOL} parasol top)
# The subcommands, as the top-level help lists them.
string(REGEX MATCH "Subcommands:\n(.*)" listing "${top}")
string(REGEX MATCHALL "\n  ([a-z-]+) " names "\n${CMAKE_MATCH_1}")
set(commands "")
foreach(entry IN LISTS names)
  string(STRIP "${entry}" name)
  list(APPEND commands ${name})
endforeach()
if(NOT commands)
  message(FATAL_ERROR "make-manpage.cmake: no subcommands found in parasol --help")
endif()

set(page ".TH PARASOL 1 \"\" \"parasol ${VERSION}\" \"User Commands\"\n")
string(APPEND page ".SH NAME\nparasol \\- see how your time with creators compares with your time with people\n")
string(APPEND page ".SH SYNOPSIS\n.B parasol\n[\\fIOPTIONS\\fR] \\fISUBCOMMAND\\fR [\\fIOPTIONS\\fR]\n")
string(APPEND page ".SH DESCRIPTION\nParasol keeps, on this machine only, how long you spend with creators' pages "
  "and with people you know, as recorded by its browser extension through the native messaging host "
  "\\fBparasol-host\\fR.\n.PP\n.nf\n${top}.fi\n")
string(APPEND page ".SH COMMANDS\n")
foreach(command IN LISTS commands)
  help_of(${PARASOL} parasol sub ${command})
  string(APPEND page ".SS parasol ${command}\n.nf\n${sub}.fi\n")
endforeach()
help_of(${HOST} parasol-host host)
string(APPEND page ".SH PARASOL-HOST\n.nf\n${host}.fi\n")
string(APPEND page ".SH FILES\n.TP\n.I ~/.local/share/parasol/parasol.db\nthe database (\\fB$PARASOL_DATA_DIR\\fR or \\fB$XDG_DATA_HOME/parasol\\fR when set)\n"
  ".TP\n.I /etc/chromium/native-messaging-hosts/org.parasol.host.json\n.TQ\n"
  ".I /etc/opt/chrome/native-messaging-hosts/org.parasol.host.json\n.TQ\n"
  ".I /usr/lib/mozilla/native-messaging-hosts/org.parasol.host.json\n"
  "the host manifests this package installs; \\fBparasol install\\fR writes per-user ones for other browsers\n")

get_filename_component(out_dir "${OUT}" DIRECTORY)
string(REGEX REPLACE "\\.gz$" "" plain "${OUT}")
file(WRITE "${plain}" "${page}")
# Debian ships manual pages gzipped; -n keeps the output reproducible.
execute_process(COMMAND gzip -9nf "${plain}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip ${plain} failed")
endif()

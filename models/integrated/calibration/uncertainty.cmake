# Turns models/integrated/calibration/uncertainty.json (written by scripts/calibrate-integrated)
# into C++ arrays at configure time: the model's declared parameter uncertainty
# (engine/model/parameter_uncertainty.hpp). Re-run when the JSON changes (CMAKE_CONFIGURE_DEPENDS).
function(osteon_generate_uncertainty json out)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${json})
  file(READ ${json} text)
  string(JSON date GET "${text}" date)
  string(JSON n LENGTH "${text}" parameters)
  math(EXPR last "${n} - 1")
  set(params "")
  set(cov "")
  foreach(i RANGE ${last})
    string(JSON name GET "${text}" parameters ${i} name)
    string(JSON value GET "${text}" parameters ${i} value)
    string(JSON log GET "${text}" parameters ${i} log)
    string(JSON lo GET "${text}" parameters ${i} min)
    string(JSON hi GET "${text}" parameters ${i} max)
    if(log)
      set(log true)
    else()
      set(log false)
    endif()
    string(APPEND params "    {\"${name}\", ${value}, ${log}, ${lo}, ${hi}},\n")
    string(JSON rows LENGTH "${text}" covariance)
    if(NOT rows EQUAL n)
      message(FATAL_ERROR "${json}: covariance has ${rows} rows, expected ${n} (one per parameter)")
    endif()
    string(APPEND cov "   ")
    foreach(j RANGE ${last})
      string(JSON c GET "${text}" covariance ${i} ${j})
      string(APPEND cov " ${c},")
    endforeach()
    string(APPEND cov "\n")
  endforeach()
  set(tied "")
  string(JSON nt LENGTH "${text}" tied)
  if(nt GREATER 0)
    math(EXPR tlast "${nt} - 1")
    foreach(i RANGE ${tlast})
      string(JSON name GET "${text}" tied ${i} name)
      string(JSON value GET "${text}" tied ${i} value)
      string(JSON nterms LENGTH "${text}" tied ${i} terms)
      math(EXPR klast "${nterms} - 1")
      foreach(k RANGE ${klast})
        string(JSON fitted MEMBER "${text}" tied ${i} terms ${k})
        string(JSON coefficient GET "${text}" tied ${i} terms ${fitted})
        string(APPEND tied "    {\"${name}\", ${value}, \"${fitted}\", ${coefficient}},\n")
      endforeach()
    endforeach()
  endif()
  if(tied STREQUAL "")
    set(tied_span "{}")
  else()
    set(tied_span "tied")
    set(tied "const TiedTerm tied[] = {\n${tied}};\n")
  endif()
  file(CONFIGURE OUTPUT ${out} CONTENT [=[
// Generated from models/integrated/calibration/uncertainty.json by
// models/integrated/calibration/uncertainty.cmake: do not edit.
#include "model/parameter_uncertainty.hpp"

namespace osteon::models {
namespace {
const UncertainParameter parameters[] = {
@params@};
const double covariance[] = {
@cov@};
@tied@}  // namespace

const ParameterUncertainty& integrated_uncertainty() {
  static const ParameterUncertainty u{parameters, covariance, @tied_span@,
                                      "models/integrated/calibration/uncertainty.json (@date@)"};
  return u;
}
}  // namespace osteon::models
]=] @ONLY)
endfunction()

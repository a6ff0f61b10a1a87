// The scenario words the integrated model understands: its drugs, exercise
// types and DXA sites, and the rules of the patient and nutrition fields.
#pragma once

#include "model/vocabulary.hpp"

namespace osteon::models {

const Vocabulary& integrated_vocabulary();

}  // namespace osteon::models

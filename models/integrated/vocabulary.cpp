#include "integrated/vocabulary.hpp"

#include <limits>

namespace osteon::models {
namespace {

constexpr DrugInfo drugs[] = {
    {"anastrozole", "anastrozole 1 mg/d (aromatase inhibitor)", true, "1 mg"},
    {"letrozole", "letrozole 2.5 mg/d (aromatase inhibitor)", true, "2.5 mg"},
    {"exemestane", "exemestane 25 mg/d (aromatase inhibitor)", true, "25 mg"},
    {"zoledronic_acid", "zoledronic acid (intravenous bisphosphonate)", false, "5 mg"},
    {"alendronate", "alendronate (oral bisphosphonate)", false, "70 mg"},
    {"risedronate", "risedronate (oral bisphosphonate)", false, "35 mg"},
    {"ibandronate", "ibandronate (oral bisphosphonate)", false, "150 mg"},
    {"denosumab", "denosumab (anti-RANKL antibody, subcutaneous)", false, "60 mg"},
    {"romosozumab", "romosozumab 210 mg monthly (anti-sclerostin antibody, subcutaneous)", false, "210 mg"},
    {"teriparatide", "teriparatide 20 µg/d (PTH 1-34, subcutaneous daily)", true, "0.02 mg"},
};

constexpr ActivityInfo exercise[] = {
    {"walking", "walking", true},
    {"aerobic", "aerobic exercise", true},
    {"resistance", "progressive resistance training"},
    {"impact", "impact training (jumping, hopping)"},
    {"resistance_impact", "combined resistance and impact training"},
    {"high_intensity_resistance", "high-intensity resistance and impact training (LIFTMOR-type)"},
    {"balance", "balance and functional training (yoga, tai chi): fewer falls, no bone loading"},
};

constexpr std::string_view sites[] = {"lumbar_spine", "total_hip", "femoral_neck"};

constexpr FieldRule fields[] = {
    // 1000 mg is about 7x the largest single clinical dose of these drugs (ibandronate 150 mg):
    // beyond it a dose is a typo, not a regimen the model was built for.
    {"drugs.dose", "mg", 0.0, 1000.0, "a positive dose of at most 1000 mg, e.g. '60 mg'", true, false, "dose"},
    {"patient.age", "y", 18.0, 110.0, "an age between 18 y and 110 y", false, false, "age at scenario start"},
    {"patient.menopause_age", "y", 30.0, 65.0, "an age at menopause between 30 y and 65 y", false, false,
     "age at menopause"},
    {"patient.t_score", "1", -6.0, 4.0, "a T-score between -6 and +4", false, false, "baseline T-score"},
    {"nutrition.calcium", "mg/d", 0.0, 5000.0, "a calcium intake between 0 and 5000 mg/d", false, false,
     "calcium intake"},
    {"nutrition.vitamin_d", "IU/d", 0.0, 50000.0, "a vitamin D intake between 0 and 50000 IU/d", false, false,
     "vitamin D intake"},
};

// What `osteon compare` tabulates by default (DESIGN.md section 8).
constexpr std::string_view key_outputs[] = {"bmd_lumbar_spine_change",
                                            "bmd_total_hip_change",
                                            "bmd_femoral_neck_change",
                                            "t_score_lumbar_spine",
                                            "t_score_total_hip",
                                            "t_score_femoral_neck",
                                            "ctx_change",
                                            "p1np_change"};

// WHO classes of a T-score (WHO Technical Report Series 843, 1994): osteoporosis at or below -2.5,
// osteopenia below -1.0, normal from -1.0 up.
constexpr ValueClass who_classes[] = {
    {"osteoporosis", -2.5, true},
    {"osteopenia", -1.0},
    {"normal", std::numeric_limits<double>::infinity(), true},
};
constexpr Classification classifications[] = {
    {"t_score_", who_classes,
     "*_change in % from baseline; T-scores in SD (WHO: normal >= -1, osteopenia, osteoporosis <= -2.5)"},
};

// What a monitoring visit measures (scenario `monitoring:`): DXA at each site and the turnover markers.
constexpr MeasuredSite measured_sites[] = {
    {"lumbar_spine", "t_score_lumbar_spine", "bmd_lumbar_spine_change", "ref_mean_LS", "ref_sd_LS"},
    {"total_hip", "t_score_total_hip", "bmd_total_hip_change", "ref_mean_TH", "ref_sd_TH"},
    {"femoral_neck", "t_score_femoral_neck", "bmd_femoral_neck_change", "ref_mean_FN", "ref_sd_FN"},
};
constexpr MarkerInfo markers[] = {{"ctx", "ctx_change"}, {"p1np", "p1np_change"}};

}  // namespace

const Vocabulary& integrated_vocabulary() {
  static const Vocabulary v{drugs, exercise, sites, fields, key_outputs, classifications, measured_sites, markers};
  return v;
}

}  // namespace osteon::models

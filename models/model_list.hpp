// The models compiled into osteon, one line each: OSTEON_MODEL(id) registers the
// model whose factory make_<id>() is defined in models/<id>/register.cpp. Adding a
// model is its folder plus one line here (docs/developer/extending.md, "A model").
OSTEON_MODEL(komarova2003)
OSTEON_MODEL(komarova2005)
OSTEON_MODEL(lemaire2004)
OSTEON_MODEL(pivonka2008)
OSTEON_MODEL(scheiner2013)
OSTEON_MODEL(martinez_reina2019)
OSTEON_MODEL(integrated)
OSTEON_MODEL(ayati2010)

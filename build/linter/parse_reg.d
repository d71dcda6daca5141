build/linter/parse_reg.o: linter/parse_reg.c linter/parse.h \
 linter/decode.h linter/diag.h linter/arena.h linter/srcloc.h \
 linter/model.h linter/strmap.h linter/binding_fields.def
linter/parse.h:
linter/decode.h:
linter/diag.h:
linter/arena.h:
linter/srcloc.h:
linter/model.h:
linter/strmap.h:
linter/binding_fields.def:

build/linter/diag.o: linter/diag.c linter/diag.h linter/arena.h \
 linter/srcloc.h linter/rule.h linter/model.h linter/strmap.h \
 linter/binding_fields.def linter/util.h linter/banned.h
linter/diag.h:
linter/arena.h:
linter/srcloc.h:
linter/rule.h:
linter/model.h:
linter/strmap.h:
linter/binding_fields.def:
linter/util.h:
linter/banned.h:

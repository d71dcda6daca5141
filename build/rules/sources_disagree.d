build/rules/sources_disagree.o: rules/sources_disagree.c linter/rule.h \
 linter/diag.h linter/arena.h linter/srcloc.h linter/model.h \
 linter/strmap.h linter/binding_fields.def
linter/rule.h:
linter/diag.h:
linter/arena.h:
linter/srcloc.h:
linter/model.h:
linter/strmap.h:
linter/binding_fields.def:

build/rules/registry.o: rules/registry.c linter/rule.h linter/diag.h \
 linter/arena.h linter/srcloc.h linter/model.h linter/strmap.h \
 linter/binding_fields.def rules/registry.def
linter/rule.h:
linter/diag.h:
linter/arena.h:
linter/srcloc.h:
linter/model.h:
linter/strmap.h:
linter/binding_fields.def:
rules/registry.def:

build/linter/model_dump.o: linter/model_dump.c linter/model.h \
 linter/arena.h linter/srcloc.h linter/strmap.h linter/binding_fields.def \
 linter/util.h linter/banned.h
linter/model.h:
linter/arena.h:
linter/srcloc.h:
linter/strmap.h:
linter/binding_fields.def:
linter/util.h:
linter/banned.h:

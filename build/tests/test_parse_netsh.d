build/tests/test_parse_netsh.o: tests/test_parse_netsh.c tests/unit.h \
 linter/decode.h linter/diag.h linter/arena.h linter/srcloc.h \
 linter/model.h linter/strmap.h linter/binding_fields.def linter/parse.h \
 linter/decode.h linter/diag.h linter/model.h
tests/unit.h:
linter/decode.h:
linter/diag.h:
linter/arena.h:
linter/srcloc.h:
linter/model.h:
linter/strmap.h:
linter/binding_fields.def:
linter/parse.h:
linter/decode.h:
linter/diag.h:
linter/model.h:

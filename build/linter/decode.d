build/linter/decode.o: linter/decode.c linter/decode.h linter/util.h \
 linter/banned.h
linter/decode.h:
linter/util.h:
linter/banned.h:

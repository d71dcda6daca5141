build/linter/strmap.o: linter/strmap.c linter/strmap.h linter/util.h \
 linter/banned.h
linter/strmap.h:
linter/util.h:
linter/banned.h:

build/linter/util.o: linter/util.c linter/util.h linter/banned.h
linter/util.h:
linter/banned.h:

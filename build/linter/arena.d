build/linter/arena.o: linter/arena.c linter/arena.h linter/util.h \
 linter/banned.h
linter/arena.h:
linter/util.h:
linter/banned.h:

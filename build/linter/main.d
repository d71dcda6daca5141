build/linter/main.o: linter/main.c

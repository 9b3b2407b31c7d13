/*
 * Replays every file of the corpus directories given on the command line
 * through LLVMFuzzerTestOneInput, so each build checks that no stored input
 * crashes a parser (under ASan/UBSan in CI), without libFuzzer.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		fprintf(stderr, "cannot open %s\n", path);
		return -1;
	}
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
	size_t got = fread(buf, 1, (size_t)n, fp);
	fclose(fp);
	LLVMFuzzerTestOneInput(buf, got);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	int count = 0;
	for (int i = 1; i < argc; i++) {
		DIR *d = opendir(argv[i]);
		if (!d) {
			if (replay_file(argv[i]) < 0)
				return 1;
			count++;
			continue;
		}
		struct dirent *e;
		while ((e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			char path[4096];
			snprintf(path, sizeof(path), "%s/%s", argv[i], e->d_name);
			struct stat st;
			if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
				continue;
			if (replay_file(path) < 0)
				return 1;
			count++;
		}
		closedir(d);
	}
	if (count == 0) {
		fprintf(stderr, "no corpus input replayed\n");
		return 1;
	}
	printf("replayed %d inputs\n", count);
	return 0;
}

/*
 * glibc's printf, for test/controls/glibc-printf/vectors.mts: reads lines "KIND<TAB>FORMAT<TAB>VALUE" and writes,
 * per line, the hex of what snprintf wrote. KIND: i (long long), u (unsigned long long), f (a double given as the
 * hex of its 64 bits), s (the value as text), W ("w,p,v": int, int, long long for "%*.*lld").
 * Build: cc -O1 -Wno-format-security -o writer writer.c
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void hex(const char *s, int n) {
  for (int i = 0; i < n; i++) printf("%02x", (unsigned char)s[i]);
  printf("\n");
}

int main(void) {
  char line[4096], out[8192];
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\n")] = 0;
    char *kind = strtok(line, "\t"), *format = strtok(NULL, "\t"), *value = strtok(NULL, "\t");
    if (kind == NULL || format == NULL) return 1;
    if (value == NULL) value = "";
    int n = 0;
    if (kind[0] == 'i') n = snprintf(out, sizeof out, format, strtoll(value, NULL, 10));
    else if (kind[0] == 'u') n = snprintf(out, sizeof out, format, strtoull(value, NULL, 10));
    else if (kind[0] == 'f') {
      uint64_t bits = strtoull(value, NULL, 16);
      double d;
      memcpy(&d, &bits, sizeof d);
      n = snprintf(out, sizeof out, format, d);
    } else if (kind[0] == 's') n = snprintf(out, sizeof out, format, value);
    else if (kind[0] == 'W') {
      long long w, p, v;
      if (sscanf(value, "%lld,%lld,%lld", &w, &p, &v) != 3) return 1;
      n = snprintf(out, sizeof out, format, (int)w, (int)p, v);
    } else return 1;
    hex(out, n);
  }
  return 0;
}

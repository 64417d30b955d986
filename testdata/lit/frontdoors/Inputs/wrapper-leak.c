struct my_body;
struct my_session;
struct my_body *my_get(struct my_session *s, const char *path);
void my_free(struct my_body *b);
int my_status(struct my_body *b);

int fetch(struct my_session *s) {
  struct my_body *b = my_get(s, "/");
  if (!b)
    return -1;
  if (my_status(b) != 200)
    return -1;
  my_free(b);
  return 0;
}

/* test_json.c - finding values in JSON text for positioned messages. */
#include "hindsight/hindsight.h"
#include "../../src/internal.h"
#include "tests.h"

static void test_json_find(void)
{
    static const char text[] =
        "{\n"
        "  \"a\": [1, {\"b\": \"x,]}\"}, {\"c\": 2}],\n"
        "  \"d\": {\"e\": [true, null, \"\\\"q\"]}\n"
        "}\n";
    hs_jtext jt;
    hs_jpath p1[3] = {{"a", 0}, {NULL, 2}, {"c", 0}};
    hs_jpath p2[3] = {{"d", 0}, {"e", 0}, {NULL, 2}};
    hs_jpath p3[2] = {{"a", 0}, {NULL, 9}};
    hs_pos pos;
    size_t *offs, n;

    CHECK(hs_jtext_init(&jt, text, sizeof(text) - 1) == 0);
    hs_jtext_position(&jt, hs_json_find(&jt, 0, p1, 3, 0), &pos);
    CHECK(pos.line == 2 && pos.column == 33);
    hs_jtext_position(&jt, hs_json_find(&jt, 0, p1, 3, 1), &pos);
    CHECK(pos.line == 2 && pos.column == 28);    /* the member name */
    hs_jtext_position(&jt, hs_json_find(&jt, 0, p2, 3, 0), &pos);
    CHECK(pos.line == 3 && pos.column == 27);
    hs_jtext_position(&jt, hs_json_find(&jt, 0, p3, 2, 0), &pos);
    CHECK(pos.line == 2 && pos.column == 8);     /* missing: deepest found */
    CHECK(hs_json_elements(&jt, hs_json_find(&jt, 0, p1, 1, 0), &offs, &n) == 0);
    CHECK(n == 3);
    hs_free(offs);
    hs_jtext_release(&jt);
}

TEST_TABLE(json_tests) = {
    {"json_find", test_json_find},
    {NULL, NULL},
};

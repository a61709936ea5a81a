/* placeholder, replaced below */
#include "harness.h"
int main(void) { return 0; }

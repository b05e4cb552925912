// R calls R_init_dlscratch() when it loads the package's shared library.
// It registers the Rust entry points that extendr_module! generates.
void R_init_dlscratch_extendr(void *dll);

void R_init_dlscratch(void *dll) {
    R_init_dlscratch_extendr(dll);
}

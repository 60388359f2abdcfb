fn main() {
    std::process::exit(guanxi::cli::main());
}

use std::process::ExitCode;

fn main() -> ExitCode {
    dac::cli::main(std::env::args_os())
}

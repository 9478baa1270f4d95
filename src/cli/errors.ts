// The CLI's error for bad input: its message is printed as one line and the exit code is 2.
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

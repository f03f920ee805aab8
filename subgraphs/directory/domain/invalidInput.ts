// A rule of the directory refused an argument. Domain code throws it; resolvers turn it into BAD_USER_INPUT
// (the domain knows nothing of GraphQL). The message is French and says what to change.
export class InvalidInput extends Error {
  override name = "InvalidInput";
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(message);
    this.argument = argument;
  }
}

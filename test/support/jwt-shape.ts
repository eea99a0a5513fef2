// "Does this text hold a JWT?" for tests that read stores and logs raw. The shape (base64url
// header "eyJ…", a dot, a payload "eyJ…", a dot), not the bare prefix "eyJ": random ciphertext in
// base64 contains those three characters about once per 60 values of a few kilobytes, which made
// such assertions fail now and then.
export const JWT_SHAPE = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\./;

export const holdsJwt = (text: string): boolean => JWT_SHAPE.test(text);

/**
 * A dialog that an address can open: `/goals?new=1` opens the goal form, so an empty state or the
 * quick log elsewhere can lead straight to creating one. Closing it takes the flag out of the address.
 */
import { useCallback, useState } from "react";
import { useSearchParams } from "react-router";

export function useAddressFlag(name: string): [open: boolean, setOpen: (open: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const [open, setOpenHere] = useState(false);
  const fromAddress = params.get(name) === "1";
  const setOpen = useCallback(
    (next: boolean) => {
      setOpenHere(next);
      if (!next && fromAddress)
        setParams(
          (current) => {
            current.delete(name);
            return current;
          },
          { replace: true },
        );
    },
    [fromAddress, name, setParams],
  );
  return [open || fromAddress, setOpen];
}
